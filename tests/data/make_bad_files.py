#!/usr/bin/env python3
"""Writes the corpus of bad project files in tests/data/bad/ from the sample
project. Each must give an error or integrity problems, never a panic, and
stay unchanged when loaded (tests/bad_files.rs). Deterministic: rerun it
after a format change and commit the result."""
import pathlib, random, re

here = pathlib.Path(__file__).parent
out = here / "bad"
sample = (here.parent.parent / "projects" / "belgorod-strike.ron").read_bytes()
text = sample.decode("utf-8")
rng = random.Random(20231230)
for old in out.glob("*"):
    old.unlink()

def write(name, data):
    (out / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

# Truncated at every tenth of the file (and a byte before the end).
for tenth in range(1, 10):
    write(f"truncated-{tenth}0pct.ron", sample[: len(sample) * tenth // 10])
write("truncated-last-byte.ron", sample.rstrip()[:-1])

# Random bits flipped: one, a few, many. A flip inside a document's text
# would give another valid text (which the hash check reports); the few-flip
# cases hit field names, which must then fail to parse.
field_bytes = [m.start() + k for m in re.finditer(rb"\n +([a-z_]+): ", sample) for k in range(m.start(1) - m.start(), m.end(1) - m.start())]
for i, flips in enumerate([1, 1, 1, 3, 3, 10, 10, 100, 1000, 10000]):
    data = bytearray(sample)
    for _ in range(flips):
        where = rng.choice(field_bytes) if flips <= 10 else rng.randrange(len(data))
        data[where] ^= 1 << rng.randrange(7)
    write(f"flipped-{i:02}-{flips}.ron", bytes(data))

def replace_first(pattern, repl, source=text):
    new, n = re.subn(pattern, repl, source, count=1)
    assert n == 1, pattern
    return new

first_claim = re.search(r'claims: \[\n        \(\n            id: "([^"]+)"', text).group(1)
second_claim = re.findall(r'\n            id: "(c-[^"]+)"', text)[1]
first_doc = re.search(r'documents: \[\n        \(\n            id: "([^"]+)"', text).group(1)
second_source = re.findall(r'\n            id: "(src-[^"]+)"', text)[1]
first_source = re.findall(r'\n            id: "(src-[^"]+)"', text)[0]

cases = {
    "empty.ron": b"",
    "whitespace-only.ron": b"   \n\t\n",
    "nested-100000-deep.ron": "(" * 100_000 + ")" * 100_000,
    "nested-lists-100000-deep.ron": "[" * 100_000 + "]" * 100_000,
    "nested-in-field.ron": replace_first(r"dismissed: \[\]", "dismissed: " + "[" * 50_000 + "]" * 50_000),
    "invalid-utf8.ron": sample[:200] + b"\xff\xfe\x80" + sample[200:],
    "utf16.ron": text[:2000].encode("utf-16"),
    "nul-bytes.ron": sample[:300] + b"\x00\x00\x00" + sample[300:],
    "nul-in-text.ron": replace_first(r'text: r#"', 'text: r#"\x00'),
    "binary-garbage.ron": bytes(rng.randrange(256) for _ in range(4096)),
    "json-instead.ron": '{"format_version": 1, "name": "x"}',
    "wrong-shape.ron": "(format_version: 1, name: 42)",
    "a-list.ron": "[1, 2, 3]",
    "start-out-of-range-u64.ron": replace_first(r"start: \d+", "start: 99999999999999999999999999"),
    "start-negative.ron": replace_first(r"start: \d+", "start: -5"),
    "start-float.ron": replace_first(r"start: \d+", "start: 1.5"),
    "end-usize-max.ron": replace_first(r"end: \d+", "end: 18446744073709551615"),
    "span-past-end.ron": replace_first(r"end: \d+", "end: 999999"),
    "span-inverted.ron": replace_first(r"start: (\d+),\n            end: (\d+)", r"start: \2,\n            end: \1"),
    "span-empty.ron": replace_first(r"start: (\d+),\n            end: (\d+)", r"start: \1,\n            end: \1"),
    "credibility-7.ron": replace_first(r"credibility: \d", "credibility: 7"),
    "credibility-300.ron": replace_first(r"credibility: \d", "credibility: 300"),
    "reliability-G.ron": replace_first(r"reliability: [A-F]", "reliability: G"),
    "verdict-unknown.ron": replace_first(r"verdict: \w+", "verdict: maybe"),
    "date-invalid.ron": replace_first(r'published: Some\("[0-9-]+"\)', 'published: Some("2023-02-30")'),
    "quantity-invalid.ron": replace_first(r'value: Some\("[^"]*"\)', 'value: Some("~")'),
    "quantity-nan.ron": replace_first(r'value: Some\("[^"]*"\)', 'value: Some("NaN")'),
    "color-invalid.ron": replace_first(r'color: "#[0-9a-f]+"', 'color: "red"'),
    "format-version-99.ron": replace_first(r"format_version: 1", "format_version: 99"),
    "format-version-negative.ron": replace_first(r"format_version: 1", "format_version: -1"),
    "missing-field.ron": replace_first(r"\n    name: [^\n]*", ""),
    "duplicate-claim-id.ron": text.replace(second_claim, first_claim),
    "duplicate-source-id.ron": text.replace(second_source, first_source),
    "claim-in-missing-document.ron": replace_first(r'document: "[^"]+"', 'document: "no-such-document"'),
    "document-of-missing-source.ron": replace_first(r'source: "src-[^"]+"', 'source: "src-nobody"'),
    "label-missing.ron": replace_first(r'label: "numeric"', 'label: "no-such-label"'),
    "unterminated-string.ron": text[: text.index('text: r#"') + 40],
    "unterminated-raw-string.ron": replace_first(r'"#,\n', ",\n"),
    "huge-number.ron": replace_first(r"format_version: 1", "format_version: 1" + "0" * 5000),
    "only-open-paren.ron": "(",
}
for name, data in cases.items():
    write(name, data)
print(f"wrote {len(list(out.iterdir()))} files to {out}")
