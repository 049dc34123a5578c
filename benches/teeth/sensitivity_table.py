#!/usr/bin/env python3
"""The sensitivity section of benches/RESULTS-teeth.md, from `theoremcheck check --sensitivity --json`.

Usage:
    ./target/release/theoremcheck check --sensitivity --json > sens.jsonl
    python3 benches/teeth/sensitivity_table.py sens.jsonl

Counts the inequality claims that hold (identities, statistical tests, refuted, unevaluated and
inconclusive claims have no η; scale-free claims are counted apart, with the reason the engine
gives) and prints the per-claim table: verdict, rigor, η and the trials that decided it.
"""
import json
import sys

NOT_INEQUALITY = ("identity", "statistical", "nothing is evaluated", "refuted as published",
                  "decided by its readings", "own check is inconclusive")


def trials_text(s):
    parts = []
    for t in s.get("trials") or []:
        by = f" ({t['found_by']})" if t.get("found_by") else ""
        mutant = "" if t.get("mutant") in (None, "factor") else f" [{t['mutant']}]"
        parts.append(f"{t['eta']}{mutant}: {t['verdict']}{by}")
    return ", ".join(parts) or (s.get("reason") or "")


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    rows.sort(key=lambda r: r["id"])
    measured, scale_free, detected = [], [], []
    for r in rows:
        s = r.get("sensitivity") or {}
        reason = s.get("reason") or ""
        if r["verdict"] != "holds":
            continue
        if "no factor on the larger side can be refuted" in reason:
            scale_free.append(r["id"])
            continue
        if any(k in reason for k in NOT_INEQUALITY):
            continue
        measured.append(r["id"])
        if s.get("eta") in ("1/10", "1/100", "1/1000"):
            detected.append(r["id"])
    share = 100 * len(detected) / max(1, len(measured))
    print(f"Of the **{len(measured)} inequality claims that hold** and can be scaled, "
          f"**{len(detected)} ({share:.0f} %) detect η = 1/10 or less**; "
          f"{len(scale_free)} more are scale-free ({', '.join('`' + i + '`' for i in scale_free)}).\n")
    print("| claim | verdict | rigor | η | trials |")
    print("|---|---|---|---|---|")
    for r in rows:
        s = r.get("sensitivity") or {}
        eta = s.get("eta") or "—"
        print(f"| `{r['id']}` | {r['verdict']} | {r.get('rigor', '')} | {eta} | {trials_text(s)} |")


if __name__ == "__main__":
    main(sys.argv[1])
