"""Writes ding2003-person-int.c3d and ding2003-person-float.c3d from ding2003-person.sto.

Written from the C3D file format user guide (C3D.ORG, Motion Lab Systems 2008), with Python's
struct module only, separately from Myotrophy's TypeScript reader, so the reader is tested on
files it did not write. Run from this folder: python3 write_c3d.py

Both files: Intel byte order (processor type 84), no 3D points, 100 frames/s with 10 analog
samples per frame (1 kHz), two analog channels FORCE (N) and TRIGGER (V).
Integer file: int16 samples, ANALOG:SCALE 0.05 N and 0.001 V per bit, ANALOG:OFFSET 100 and 0
(so raw = value / scale + offset), GEN_SCALE 1. Float file: float32 samples in the units, scale 1, offset 0.
"""

import struct

BLOCK = 512
SAMPLES_PER_FRAME = 10
FRAME_RATE = 100.0


def read_sto(path):
    with open(path) as f:
        lines = f.read().splitlines()
    end = lines.index("endheader")
    labels = lines[end + 1].split("\t")
    rows = [[float(x) for x in line.split("\t")] for line in lines[end + 2 :] if line.strip()]
    return labels, rows


def group(gid, name, description=""):
    body = struct.pack("<bb", len(name), -gid) + name.encode("ascii")
    tail = struct.pack("<B", len(description)) + description.encode("ascii")
    return body, tail


def parameter(gid, name, kind, dims, data, description=""):
    head = struct.pack("<bb", len(name), gid) + name.encode("ascii")
    tail = struct.pack("<bB", kind, len(dims)) + bytes(dims) + data
    tail += struct.pack("<B", len(description)) + description.encode("ascii")
    return head, tail


def chars(strings, width):
    return b"".join(s.ljust(width).encode("ascii") for s in strings)


def write(path, rows, floating):
    frames = len(rows) // SAMPLES_PER_FRAME
    channels = 2
    scales = [1.0, 1.0] if floating else [0.05, 0.001]
    offsets = [0, 0] if floating else [100, 0]
    point_scale = -1.0 if floating else 1.0
    data_block = 4
    records = [
        group(1, "POINT", "3D point parameters"),
        parameter(1, "USED", 2, [], struct.pack("<h", 0)),
        parameter(1, "SCALE", 4, [], struct.pack("<f", point_scale)),
        parameter(1, "RATE", 4, [], struct.pack("<f", FRAME_RATE)),
        parameter(1, "DATA_START", 2, [], struct.pack("<h", data_block)),
        parameter(1, "FRAMES", 2, [], struct.pack("<h", frames)),
        group(2, "ANALOG", "analog channels"),
        parameter(2, "USED", 2, [], struct.pack("<h", channels)),
        parameter(2, "LABELS", -1, [8, channels], chars(["FORCE", "TRIGGER"], 8)),
        parameter(2, "UNITS", -1, [4, channels], chars(["N", "V"], 4)),
        parameter(2, "SCALE", 4, [channels], struct.pack("<2f", *scales)),
        parameter(2, "OFFSET", 2, [channels], struct.pack("<2h", *offsets)),
        parameter(2, "GEN_SCALE", 4, [], struct.pack("<f", 1.0)),
        parameter(2, "RATE", 4, [], struct.pack("<f", FRAME_RATE * SAMPLES_PER_FRAME)),
    ]
    section = bytearray(struct.pack("<BBBB", 1, 0x50, 2, 84))
    for i, (head, tail) in enumerate(records):
        last = i == len(records) - 1
        # The offset counts from the offset word itself to the next record's first byte.
        section += head + struct.pack("<h", 0 if last else 2 + len(tail)) + tail
    assert len(section) <= 2 * BLOCK
    section = section.ljust(2 * BLOCK, b"\0")

    header = bytearray(BLOCK)
    struct.pack_into("<BB", header, 0, 2, 0x50)
    struct.pack_into("<hhhhh", header, 2, 0, channels * SAMPLES_PER_FRAME, 1, frames, 0)
    struct.pack_into("<f", header, 12, point_scale)
    struct.pack_into("<hh", header, 16, data_block, SAMPLES_PER_FRAME)
    struct.pack_into("<f", header, 20, FRAME_RATE)

    data = bytearray()
    for frame in range(frames):
        for s in range(SAMPLES_PER_FRAME):
            row = rows[frame * SAMPLES_PER_FRAME + s]
            values = row[1:3]
            if floating:
                data += struct.pack("<2f", *values)
            else:
                raw = [round(v / scales[c] + offsets[c]) for c, v in enumerate(values)]
                data += struct.pack("<2h", *raw)
    data = data.ljust(-(-len(data) // BLOCK) * BLOCK, b"\0")
    with open(path, "wb") as f:
        f.write(bytes(header) + bytes(section) + bytes(data))


labels, rows = read_sto("ding2003-person.sto")
assert labels == ["time", "force", "trigger"], labels
write("ding2003-person-int.c3d", rows, floating=False)
write("ding2003-person-float.c3d", rows, floating=True)
print("wrote", len(rows), "samples")
