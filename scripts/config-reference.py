#!/usr/bin/env python3
"""Prints the configuration reference (a Markdown table per service) from the
spring-configuration-metadata.json that each service's build generates from its
@ConfigurationProperties records. docs/operations.md holds its output; a test checks that every
property it lists is documented there. Usage: scripts/config-reference.py (after ./mvnw install)."""
import json
import re
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
services = ["store-service", "directory-service", "proxy-service", "sts-service"]
for service in services:
    path = root / service / "target/classes/META-INF/spring-configuration-metadata.json"
    if not path.exists():
        sys.exit(f"{path} is missing: build first (./mvnw -q -DskipTests install)")
    props = sorted(json.loads(path.read_text())["properties"], key=lambda p: p["name"])
    print(f"### {service}\n")
    print("| property | type | default | meaning |")
    print("|---|---|---|---|")
    for p in props:
        default = p.get("defaultValue", "")
        if isinstance(default, list):
            default = ",".join(map(str, default))
        kind = re.sub(r"[\w$]+\.", "", p.get("type", "")).replace("<", "&lt;").replace(">", "&gt;")
        desc = " ".join(p.get("description", "").split())
        desc = re.sub(r"\{@(?:code|link) ([^}]*)\}", r"`\1`", desc).replace("|", "\\|")
        if isinstance(default, bool):
            default = str(default).lower()
        print(f"| `{p['name']}` | {kind} | {('`' + str(default) + '`') if default != '' else ''} | {desc} |")
    print()
