"""The look of the pages a facilitator prints (handout, preview): dark ink on white paper,
A4 pages with page breaks, the game's palette only as accents. Nothing from the network."""

from game.look import palette as p

CSS = f"""
:root {{ --accent: {p.ACCENT}; --good: #1f7a4a; --bad: #b23a2e; --edge: #c8c8d0;
  --dim: #555a66; --card: #f3f3f6; }}
"""
CSS += """* { box-sizing: border-box; }
html { background: #fff; color: #111; }
body { margin: 0 auto; max-width: 190mm; padding: 12mm 0;
  font: 11.5pt/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", system-ui, sans-serif; }
h1 { font-size: 24pt; margin: 0 0 2mm; line-height: 1.15; overflow-wrap: anywhere; }
h2 { font-size: 16pt; margin: 0 0 4mm; border-bottom: 2px solid var(--accent);
  padding-bottom: 1.5mm; }
h3 { font-size: 12.5pt; margin: 5mm 0 2mm; }
p, li, td, th { overflow-wrap: break-word; }
td.wide { width: 36%; }
td.name { width: 22%; font-weight: 600; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 9pt; color: var(--dim);
  margin: 0; }
.lead { font-size: 13pt; }
.facts { display: flex; flex-wrap: wrap; gap: 3mm; margin: 4mm 0; padding: 0; list-style: none; }
.facts li { background: var(--card); border-radius: 2mm; padding: 2mm 3.5mm; }
.goal { border-left: 2mm solid var(--accent); background: var(--card); padding: 3mm 5mm;
  font-size: 12.5pt; }
section.page { break-after: page; page-break-after: always; padding-top: 2mm; }
section.page:last-of-type { break-after: auto; page-break-after: auto; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
.card { border: 1px solid var(--edge); border-radius: 3mm; padding: 4mm; display: flex;
  gap: 4mm; break-inside: avoid; page-break-inside: avoid; }
.card img { width: 28mm; height: 28mm; flex: none; border-radius: 50%; }
.card h3 { margin: 0; }
.card .role { margin: 0 0 2mm; color: var(--dim); }
.card blockquote { margin: 0 0 2mm; font-style: italic; }
.card .owns { margin: 0; font-size: 10pt; color: var(--dim); }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
th, td { text-align: left; vertical-align: top; padding: 1.5mm 2.5mm;
  border-bottom: 1px solid var(--edge); }
th { font-size: 9.5pt; text-transform: uppercase; letter-spacing: .05em; color: var(--dim); }
td.num, th.num { text-align: right; white-space: nowrap; }
.rules ol { padding-left: 6mm; margin: 0 0 3mm; }
.rules li { margin-bottom: 1.5mm; }
.note { background: var(--card); border-radius: 2mm; padding: 3mm 4mm; }
ol.questions li { margin-bottom: 2mm; }
figure { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
svg { max-width: 100%; height: auto; }
svg text { font-family: "Noto Sans", "DejaVu Sans", sans-serif; }
footer { margin-top: 8mm; color: var(--dim); font-size: 9pt; }
@page { size: A4; margin: 14mm 12mm; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
"""
