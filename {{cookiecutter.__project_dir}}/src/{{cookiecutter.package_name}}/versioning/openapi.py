"""Each API version's operations grouped under tags of their own in the OpenAPI document."""

from typing import Any

from ..core.routing import API_V1_PREFIX, API_V2_PREFIX, api_prefix_of

# Newest first: /docs lists each version's tags in this order, unversioned ones (health) last.
VERSION_NAMES = {API_V2_PREFIX: "v2", API_V1_PREFIX: "v1"}
VERSION_NOTES = {"v2": "API version 2", "v1": "API version 1 (deprecated: v2 succeeds it)"}


def group_by_version(schema: dict[str, Any]) -> None:
    """Tag each operation of a version with it ("v2 posts", "v1 posts") and list the tags newest
    version first, so /docs shows each version's endpoints together."""
    descriptions: dict[str, str] = {}
    unversioned: list[str] = []
    for path, operations in schema.get("paths", {}).items():
        prefix = api_prefix_of(path)
        for operation in operations.values():
            if prefix is None:
                unversioned.extend(operation.get("tags", []))
                continue
            version = VERSION_NAMES[prefix]
            operation["tags"] = [f"{version} {tag}" for tag in operation.get("tags", [])]
            descriptions.update(dict.fromkeys(operation["tags"], VERSION_NOTES[version]))
    ranks = list(VERSION_NAMES.values())
    newest_first = sorted(descriptions, key=lambda tag: ranks.index(tag.split()[0]))
    schema["tags"] = [{"name": tag, "description": descriptions[tag]} for tag in newest_first]
    schema["tags"] += [{"name": tag} for tag in dict.fromkeys(unversioned)]
