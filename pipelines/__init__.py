"""Orchestration: crawl -> version -> clauses -> findings -> alerts, plus import, report, schedule."""
