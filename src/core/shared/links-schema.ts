// Links to evidence, as every capability takes them (evidence submissions, a corrective action's
// implementation): http(s) only, one a line, each bounded, with a reason a person can act on
// when one is refused.

const length = (s: string): number => [...s].length;
const n = (v: number): string => v.toLocaleString('en-GB');

export const MAX_LINK = 2000;
export const MAX_LINKS = 20;
/** The most a links field can usefully hold: the most links, each as long as allowed, one a line. */
export const MAX_LINKS_TEXT = MAX_LINKS * (MAX_LINK + 1);

/** Why one link is refused, or null when it is a usable http(s) link. */
export function linkProblem(link: string): string | null {
  if (length(link) > MAX_LINK) {
    return `This link is ${n(length(link))} characters long; the limit is ${n(MAX_LINK)}. Share a link to the document rather than its contents.`;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') {
    return `"${scheme}:" links cannot be accepted: only web links starting with https:// or http:// can be opened by the auditors. Share the evidence at a web address instead.`;
  }
  if (!scheme) {
    return `"${shorten(link)}" is not a web link. Paste the full address, starting with https://.`;
  }
  // Whitespace or control characters inside a link mean two links were run together or the
  // text was mangled; URL parsing would silently repair them, so they are refused first.
  if (/\s/.test(link) || [...link].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return `"${shorten(link)}" contains spaces or line breaks. Put each link on its own line.`;
  }
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return `"${shorten(link)}" is not a valid web address. Copy it again from the browser's address bar.`;
  }
  if (url.hostname === '' || !/^\/\//.test(link.slice(scheme.length + 1))) {
    return `"${shorten(link)}" has no site name. Paste the full address, e.g. https://wiki.example.com/page.`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'This link carries a user name or password. Remove them from the link: the auditors sign in with their own accounts.';
  }
  return null;
}

const shorten = (s: string): string => (length(s) > 80 ? `${[...s].slice(0, 77).join('')}…` : s);

/** Splits what a person pasted (one link per line, or a list) into links. */
export function splitLinks(input: unknown): string[] {
  const raw = Array.isArray(input) ? input.map((v) => String(v)) : typeof input === 'string' ? input.split(/\r?\n/) : [];
  return raw.map((l) => l.trim()).filter((l) => l !== '');
}

