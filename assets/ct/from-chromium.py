#!/usr/bin/env python3
"""Rebuild assets/ct/log_list.json from the log list compiled into Debian's Chromium.

Chrome's published list (https://www.gstatic.com/ct/log_list/v3/log_list.json, see
refresh.sh) is the source to prefer. Where only Debian's mirrors are reachable, the same
list ships inside the chromium binary as `CTLogInfo` structs: {key, key length, name,
log type (1 RFC 6962, 2 static-ct-api), operator, previous operators, count}, preceded
for disqualified logs by their log id and followed by the disqualification time. This script finds every
P-256 and RSA-2048 SubjectPublicKeyInfo in the binary, follows the relocations that
point at it back to its struct, and writes the list in Chrome's v3 schema. Each log's
id is computed as SHA-256 of its key (RFC 6962 3.2), so a key cannot be misattributed.

    apt-get download chromium && dpkg-deb -x chromium_*.deb x
    pip install pyelftools
    python3 assets/ct/from-chromium.py x/usr/lib/chromium/chromium VERSION DATE > assets/ct/log_list.json

VERSION is the package's version, DATE the day of its changelog entry (the list is at
least as old): `zcat x/usr/share/doc/chromium/changelog.Debian.gz | head`.
"""
import base64
import datetime
import hashlib
import json
import re
import struct
import sys

from elftools.elf.elffile import ELFFile

KEY_PREFIXES = [
    (bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200"), 91),
    (bytes.fromhex("30820122300d06092a864886f70d01010105000382010f00"), 294),
]
R_X86_64_RELATIVE = 8


def main(path, version, date):
    with open(path, "rb") as f:
        data = f.read()
        f.seek(0)
        elf = ELFFile(f)
        segments = [
            (s["p_offset"], s["p_vaddr"], s["p_filesz"]) for s in elf.iter_segments() if s["p_type"] == "PT_LOAD"
        ]
        relocations = {}
        for section in elf.iter_sections():
            if section.name == ".rela.dyn":
                raw = section.data()
                for i in range(0, len(raw), 24):
                    at, info, addend = struct.unpack_from("<QQq", raw, i)
                    if info & 0xFFFFFFFF == R_X86_64_RELATIVE:
                        relocations[at] = addend

    def to_address(offset):
        return next(offset - o + a for o, a, n in segments if o <= offset < o + n)

    def to_offset(address):
        return next(address - a + o for o, a, n in segments if a <= address < a + n)

    def word(address):
        return struct.unpack_from("<q", data, to_offset(address))[0]

    def text(address):
        start = to_offset(address)
        return data[start : data.index(b"\0", start)].decode()

    pointed_from = {}
    for at, target in relocations.items():
        pointed_from.setdefault(target, []).append(at)

    operators = {}
    for prefix, length in KEY_PREFIXES:
        for match in re.finditer(re.escape(prefix), data):
            for info in pointed_from.get(to_address(match.start()), []):
                if word(info + 8) != length or word(info + 24) not in (1, 2):
                    continue
                if info + 16 not in relocations or info + 32 not in relocations:
                    continue
                key = data[match.start() : match.start() + length]
                log_id = hashlib.sha256(key).digest()
                log = {
                    "description": text(relocations[info + 16]),
                    "log_id": base64.b64encode(log_id).decode(),
                    "key": base64.b64encode(key).decode(),
                }
                # A disqualified log's entry is {log id (32 bytes, NUL-padded to 40), its
                # CTLogInfo, disqualification time (µs since 1601)}.
                if data[to_offset(info - 40) : to_offset(info - 8)] == log_id:
                    micros = word(info + 56)
                    when = datetime.datetime(1601, 1, 1) + datetime.timedelta(microseconds=micros)
                    log["state"] = {"retired": {"timestamp": when.strftime("%Y-%m-%dT%H:%M:%SZ")}}
                kind = "tiled_logs" if word(info + 24) == 2 else "logs"
                operator = operators.setdefault(text(relocations[info + 32]), {"logs": [], "tiled_logs": []})
                operator[kind].append(log)
    listed = {
        "version": f"chromium-{version}",
        "source": f"the list compiled into Chromium {version} (Debian, released {date}), read by assets/ct/from-chromium.py",
        "log_list_timestamp": f"{date}T00:00:00Z",
        "operators": [{"name": name, **logs} for name, logs in operators.items()],
    }
    json.dump(listed, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
