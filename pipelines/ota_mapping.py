"""Where an Open Terms Archive document goes in the store: onto the catalog, or its own slug.

The catalog names the OTA documents that are the history of each of its documents (`ota =
["Claude.ai/Terms of Service"]`) and the OTA services that belong to each provider
(`ota_services = ["Claude.ai"]`). In that order:

1. an OTA document named by a catalog document *is* that document: same key, so a later crawl
   continues the imported history;
2. another document of a service the catalog gives to a provider goes under that provider, as
   `provider/service-document` (never onto a catalog document it was not mapped to: their texts
   may cover other pages);
3. so does a service whose slug is a catalog provider's id (OTA's "OpenAI" is `openai`);
4. anything else keeps its own slug, `service/document`, as before: "not in the catalog".

Names compare case-insensitively, as OTA spells them in its versions repository.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Catalog, DocumentSpec, Provider, slugify


@dataclass(frozen=True, slots=True)
class Target:
    """The store document an OTA document is imported into."""

    key: str
    provider: str
    provider_name: str
    name: str
    type: str | None  # None: guess it from the OTA document type
    urls: tuple[str, ...] = ()
    in_catalog: bool = False  # a catalog document (rule 1)
    known_service: bool = False  # the catalog knows the service (rules 1-3)


class OtaMapping:
    """OTA (service, document type) -> Target, from a catalog (None: no catalog, rule 4 only)."""

    def __init__(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.documents: dict[str, DocumentSpec] = {}  # "service/document", casefolded
        self.services: dict[str, Provider] = {}  # service, casefolded
        self.providers: dict[str, Provider] = {}
        if catalog is None:
            return
        for d in catalog.documents:
            for name in d.ota:
                self.documents.setdefault(name.casefold(), d)
        for p in catalog.providers:
            self.providers[p.id] = p
            for service in p.ota_services:
                self.services.setdefault(service.casefold(), p)
        for d in catalog.documents:  # a document-level name also gives its service a provider
            for name in d.ota:
                service = name.split("/", 1)[0].casefold()
                self.services.setdefault(service, self.providers[d.provider])

    def target(self, service: str, document: str) -> Target:
        spec = self.documents.get(f"{service}/{document}".casefold())
        if spec is not None:
            provider = self.providers[spec.provider]
            return Target(
                spec.key,
                provider.id,
                provider.name,
                spec.name,
                spec.type,
                tuple(s.url for s in spec.sources),
                in_catalog=True,
                known_service=True,
            )
        provider = self.services.get(service.casefold()) or self.providers.get(slugify(service))
        if provider is not None:
            return Target(
                f"{provider.id}/{slugify(service)}-{slugify(document)}",
                provider.id,
                provider.name,
                f"{document} ({service})",
                None,
                known_service=True,
            )
        return Target(
            f"{slugify(service)}/{slugify(document)}", slugify(service), service, document, None
        )
