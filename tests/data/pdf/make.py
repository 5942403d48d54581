#!/usr/bin/env python3
"""Writes the small PDFs the tests read: made here, not taken from anywhere.

  two-pages.pdf   two pages; page 1 has a heading, a two-line paragraph and
                  a second paragraph; page 2 has two columns of two lines.
  scan.pdf        one page that only paints a grey image (no text layer).
  locked.pdf      the trailer names an /Encrypt dictionary whose password
                  is not empty.
  damaged.pdf     the start of two-pages.pdf, cut off.

Run it from this folder: python3 make.py
"""


def pdf(objects, trailer_extra=""):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def stream(data):
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def text_ops(lines):
    ops = []
    for x, y, size, text in lines:
        ops.append(f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET")
    return "\n".join(ops).encode()


PAGE1 = [
    (72, 740, 18, "Strike on Belgorod"),
    (72, 700, 11, "The death toll from the attack on the city of Belgorod has risen"),
    (72, 686, 11, "to 24 people, the regional governor said on Wednesday."),
    (72, 650, 11, "More than 100 people were injured in the strike."),
]
PAGE2 = [
    (72, 740, 11, "Left column first line of the"),
    (72, 726, 11, "left column, which ends here."),
    (320, 740, 11, "Right column comes after"),
    (320, 726, 11, "the left one in reading order."),
]


def text_pdf(pages):
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    font = 3 + 2 * count
    for i, lines in enumerate(pages):
        content = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
        )
        objects.append(stream(text_ops(lines)))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf(objects)


def scan_pdf():
    pixels = bytes([128]) * (8 * 8)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 64 >>\nstream\n" + pixels + b"\nendstream"
    )
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            stream(b"q 500 0 0 700 50 50 cm /Im1 Do Q"),
            image,
        ]
    )


def locked_pdf():
    # Standard security handler, revision 3, with /O and /U values that no
    # empty password matches: a reader must ask for one.
    o = "<" + "4a" * 32 + ">"
    u = "<" + "5b" * 32 + ">"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream(b"\x8a\x17\x03\x99\x10\x44\x21\x7f"),
        f"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O {o} /U {u} >>".encode(),
    ]
    return pdf(objects, trailer_extra="/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


if __name__ == "__main__":
    two = text_pdf([PAGE1, PAGE2])
    files = {
        "two-pages.pdf": two,
        "scan.pdf": scan_pdf(),
        "locked.pdf": locked_pdf(),
        "damaged.pdf": two[:300],
    }
    for name, data in files.items():
        with open(name, "wb") as f:
            f.write(data)
