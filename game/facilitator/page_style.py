"""The debrief page's look: the game's palette (game.look.palette) as CSS variables, big
type for a projector, and its one inline script. Nothing here comes from the network."""

from game.look import palette as p

CSS = f"""
:root {{ --bg: {p.BACKGROUND}; --card: {p.CARD}; --edge: {p.BORDER}; --ink: {p.INK};
  --dim: {p.DIM_TEXT}; --good: {p.GOOD_TEXT}; --bad: {p.BAD_TEXT}; }}
"""
CSS += """* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0 auto; max-width: 1600px; padding: 36px clamp(16px, 3.4vw, 48px) 72px;
  color: var(--ink);
  font: 22px/1.4 "Noto Sans", "DejaVu Sans", "Segoe UI", system-ui, sans-serif; }
h1 { font-size: 56px; margin: 0; letter-spacing: .03em; }
h2 { font-size: 36px; margin: 56px 0 16px; }
.sub { font-size: 28px; color: var(--dim); margin: 4px 0 8px; }
.mark { color: var(--team); margin-right: .4em; }
.legend { font-size: 26px; font-weight: 700; margin: 0 0 16px; }
.legend > span { display: inline-block; white-space: nowrap; margin-right: 1.6em; }
/* The board shrinks its type and padding with the window (the dashboard shows it in a frame)
   before it scrolls sideways: a team name wraps between words, never letter by letter. */
table.board { width: 100%; border-collapse: separate; border-spacing: 0 8px;
  font-size: clamp(17px, 1.9vw, 28px); }
.board th { text-align: left; font-size: clamp(13px, 1.3vw, 19px); color: var(--dim);
  font-weight: 600; text-transform: uppercase; letter-spacing: .06em;
  padding: 0 clamp(6px, 1.3vw, 18px); }
.board td { background: var(--card); padding: 14px clamp(6px, 1.3vw, 18px); }
.board td:first-child { border-radius: 8px 0 0 8px; box-shadow: inset 10px 0 0 var(--team);
  padding-left: 30px; font-weight: 700; }
.board td:last-child { border-radius: 0 8px 8px 0; }
.board .team { font-weight: 700; overflow-wrap: break-word; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.board th.num { text-align: right; white-space: normal; }
.won, .lost, .cancelled { white-space: nowrap; }
.won { color: var(--good); font-weight: 700; }
.lost, .cancelled { color: var(--bad); font-weight: 700; }
.stopped { color: var(--muted, inherit); font-weight: 700; min-width: 8em; }
.grid { display: grid; gap: 28px;
  grid-template-columns: repeat(auto-fit, minmax(min(640px, 100%), 1fr)); }
figure { margin: 0; }
img { display: block; max-width: 100%; height: auto; border-radius: 8px; }
.wide { overflow-x: auto; }
table.moments { border-collapse: separate; border-spacing: 8px; width: 100%;
  table-layout: fixed; font-size: 21px; margin: 0 -8px; }
.moments th.team { background: var(--card); border-top: 10px solid var(--team);
  border-radius: 8px 8px 0 0; padding: 12px 14px; font-size: 26px; text-align: left;
  overflow-wrap: anywhere; }
.moments .turn { width: 120px; text-align: right; vertical-align: top; padding: 12px 6px;
  color: var(--dim); font-size: 22px; font-weight: 600; white-space: nowrap; }
.moments td { background: var(--card); vertical-align: top; padding: 10px 14px;
  box-shadow: inset 5px 0 0 var(--team); border-radius: 4px; }
.moments td.none { background: transparent; box-shadow: inset 2px 0 0 var(--edge); }
.moments ul { list-style: none; margin: 0; padding: 0; }
.moments li + li { margin-top: 12px; }
.tag { display: inline-block; font-size: 15px; font-weight: 700; letter-spacing: .06em;
  text-transform: uppercase; padding: 0 8px; border-radius: 4px; border: 1px solid var(--edge);
  color: var(--dim); margin-right: 8px; vertical-align: 2px; }
.tag.bad { border-color: var(--bad); color: var(--bad); }
.tag.good { border-color: var(--good); color: var(--good); }
.facts { font-size: 22px; color: var(--dim); margin: 0 0 8px; }
.warn { font-size: 24px; font-weight: 700; color: var(--bad); border: 2px solid var(--bad);
  border-radius: 8px; padding: 10px 16px; margin: 12px 0 0; overflow-wrap: anywhere; }
ul.goals { font-size: 30px; line-height: 1.45; padding-left: 1.4em; }
ul.goals li { margin-bottom: 12px; }
details summary { font-size: 26px; font-weight: 700; cursor: pointer; color: var(--dim); }
p.notes { font-size: 24px; white-space: pre-line; margin: 12px 0 0; }
ol.questions { font-size: 32px; line-height: 1.45; padding-left: 1.6em; }
ol.questions li { margin-bottom: 18px; }
footer { margin-top: 56px; color: var(--dim); font-size: 18px; }
"""
# Counts the charts that really loaded: a browser test reads these back from the DOM.
SCRIPT = """window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  document.body.dataset.imagesTotal = String(images.length);
  document.body.dataset.imagesLoaded = String(images.filter(function (i) {
    return i.complete && i.naturalWidth > 0; }).length);
});"""
