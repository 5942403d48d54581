#!/usr/bin/env bash
# Rebuilds the sample project projects/belgorod-strike.ron from the corpus
# copy in tests/data/corpus, the sources in sources.tsv and the hand-tagged
# claims in belgorod-claims.csv, using only the claimdesk command line.
# Run it again whenever the file format changes:
#
#   projects/build-sample.sh            (uses `cargo run --release`)
#   CLAIMDESK=path/to/claimdesk projects/build-sample.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${CLAIMDESK:-}" ]; then
  claimdesk() { "$CLAIMDESK" "$@"; }
else
  cargo build --release --quiet
  claimdesk() { target/release/claimdesk "$@"; }
fi
export CLAIMDESK_AUTHOR="claimdesk sample"
out=projects/belgorod-strike.ron
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
project="$tmp/belgorod-strike.ron"

claimdesk new "$project" --name "Belgorod strike, 30 December 2023"

# Sources first, in the order of the table, each graded with its note.
# Tabs become unit separators: bash collapses runs of a whitespace IFS, and
# empty columns (no URL, no party) must stay empty.
rows() { tail -n +2 projects/sources.tsv | tr '\t' '\037'; }
rows | while IFS=$'\037' read -r name kind url party grade date author note docs titles; do
  claimdesk source "$project" "$name" --kind "$kind" --url "$url" --party "$party" \
    --reliability "$grade" --note "$note" --note-date "$date" --author "$author"
done

# Then the documents, in the order of their ids, under their sources.
for file in tests/data/corpus/*.txt; do
  id=$(basename "$file" .txt)
  row=$(awk -F'\t' -v id="$id" 'NR > 1 && index(" " $9 " ", " " id " ") { print; exit }' projects/sources.tsv)
  [ -n "$row" ] || { echo "build-sample: no source lists $id" >&2; exit 1; }
  IFS=$'\037' read -r name _ _ _ _ _ _ _ docs titles <<<"$(tr '\t' '\037' <<<"$row")"
  # The n-th id of the source's documents has the n-th "title|date" entry.
  n=$(tr ' ' '\n' <<<"$docs" | grep -nx "$id" | cut -d: -f1)
  entry=$(awk -v n="$n" 'BEGIN { RS = " ;; " } NR == n { sub(/\n$/, ""); print }' <<<"$titles")
  title=${entry%|*}
  date=${entry##*|}
  args=(--source "$name" --title "$title")
  [ -n "$date" ] && args+=(--date "$date")
  claimdesk add-docs "$project" "$file" "${args[@]}"
done

claimdesk import-claims "$project" projects/belgorod-claims.csv
mv "$project" "$out"
echo "build-sample: wrote $out"
