/**
 * How long something took or has been running, for the views, notifications and the output
 * panel alike. It lives here, with nothing imported, because the panel's webview may import only
 * src/protocol. "42s", "3m 05s", "1h 02m", "2d 3h": compact, and the width barely changes while
 * it ticks.
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

const pad = (n: number) => String(n).padStart(2, '0');
