"""Read an actorgraph STIX 2.1 export with the stix2 library and print what it saw.

Usage: python3 check_stix.py FILE

Parses every object of the bundle with stix2.parse(..., allow_custom=True).
Prints one JSON line:
  {"objects": 123, "parsed": 123, "types": {"report": 85, ...}}
and exits non-zero when stix2 rejects an object. The OASIS validator runs
beside it as its own command (stix2_validator --version 2.1 --strict
--disable 103,202,302 FILE; see stix/check_test.go).
"""

import json
import sys

import stix2


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python3 check_stix.py FILE\n")
        return 2
    path = argv[1]
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    if bundle.get("type") != "bundle":
        sys.stderr.write(f"{path}: not a bundle\n")
        return 1
    types = {}
    parsed = 0
    for obj in bundle["objects"]:
        try:
            stix2.parse(obj, allow_custom=True, version="2.1")
        except Exception as err:  # stix2 raises many kinds; any is a failure
            sys.stderr.write(f"{path}: stix2.parse rejected {obj.get('id')}: {type(err).__name__}: {err}\n")
            return 1
        parsed += 1
        types[obj["type"]] = types.get(obj["type"], 0) + 1
    print(json.dumps({"objects": len(bundle["objects"]), "parsed": parsed, "types": types}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
