"""Check an actorgraph STIX 2.1 export with the OASIS tools and print what they saw.

Usage: python3 check_stix.py FILE

Runs the OASIS validator (stix2-validator, as `stix2_validator --version 2.1
--strict --disable 103,202,302` would) and parses every object with the stix2
library (allow_custom=True). Prints one JSON line:
  {"valid": true, "objects": 123, "parsed": 123, "types": {"report": 85, ...}}
and exits non-zero when the validator finds an error or stix2 rejects an object.
"""

import json
import sys

import stix2
from stix2validator import ValidationOptions, validate_file


def fail(path, msg):
    sys.stderr.write(f"{path}: {msg}\n")
    sys.exit(1)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python3 check_stix.py FILE\n")
        return 2
    path = argv[1]
    opts = ValidationOptions(version="2.1", strict=True, disabled=["103", "202", "302"])
    results = validate_file(path, opts)
    if not results.is_valid:
        lines = []
        for r in results.object_results:
            for e in r.errors:
                lines.append(f"{r.object_id}: {e}")
            for w in r.warnings:
                lines.append(f"{r.object_id}: warning: {w}")
        for e in getattr(results, "fatal", None) and [results.fatal] or []:
            lines.append(f"fatal: {e}")
        fail(path, "stix2-validator: invalid:\n" + "\n".join(lines[:50]))
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    types = {}
    parsed = 0
    for obj in bundle["objects"]:
        try:
            stix2.parse(obj, allow_custom=True, version="2.1")
        except Exception as err:  # stix2 raises many kinds; any is a failure
            fail(path, f"stix2.parse rejected {obj.get('id')}: {type(err).__name__}: {err}")
        parsed += 1
        types[obj["type"]] = types.get(obj["type"], 0) + 1
    print(json.dumps({"valid": True, "objects": len(bundle["objects"]), "parsed": parsed, "types": types}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
