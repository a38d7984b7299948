#!/usr/bin/python3
"""Google's reference phone matcher over the benchmark's ads, for comparison with Lantern's extractor.

Reads JSONL on stdin, one ad per line: {"id": ..., "text": ..., "country": ...} (the ad's country is
the default region for numbers written without a country code). Prints one JSONL line per ad:
{"id": ..., "phones": ["+447700900123", ...]} (E.164, in order found, duplicates kept once).

Run with Debian's /usr/bin/python3 and python3-phonenumbers:
    /usr/bin/python3 bench/ads/reference_phones.py --leniency VALID < ads.jsonl
"""

import argparse
import json
import sys

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

LENIENCIES = {
    "POSSIBLE": Leniency.POSSIBLE,
    "VALID": Leniency.VALID,
    "STRICT_GROUPING": Leniency.STRICT_GROUPING,
    "EXACT_GROUPING": Leniency.EXACT_GROUPING,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leniency", choices=sorted(LENIENCIES), default="VALID")
    args = parser.parse_args()
    leniency = LENIENCIES[args.leniency]
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        ad = json.loads(line)
        phones = []
        try:
            for match in PhoneNumberMatcher(ad["text"], ad.get("country") or None, leniency=leniency):
                e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
                if e164 not in phones:
                    phones.append(e164)
        except Exception as error:  # the reference must not stop the whole run on one odd text
            print(f"reference matcher failed on {ad.get('id')}: {error}", file=sys.stderr)
        out.write(json.dumps({"id": ad["id"], "phones": phones}) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
