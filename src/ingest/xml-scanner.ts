/**
 * A streaming scanner of the XML a workbook's parts are written in: it is given the text in
 * chunks, and tells its handler of each element's opening and closing and of the text between
 * them, by positions in the chunk (no string is made for a tag the handler does not look at).
 * Only what a spreadsheet writes is read: elements, attributes, text, CDATA, comments and
 * processing instructions. A document type declaration (which the Open Packaging Conventions
 * forbid in a package) is refused, so no entity but XML's own five and character references is
 * ever expanded. Element names are given without their namespace prefix (`x:row` is `row`).
 */

/** What the scanner tells of a part's XML. */
export interface XmlHandler {
  /** An element opens: its tag runs in `s` up to `end` (its `>`), its local name from `nameStart` to `nameEnd`; `close` follows at once for `<empty/>`. */
  open(s: string, nameStart: number, nameEnd: number, end: number): void;
  close(s: string, nameStart: number, nameEnd: number): void;
  /** Text between tags, from `start` to `end` of `s`, its entities not yet decoded (`raw` for CDATA, which has none). A text may come in pieces. */
  text(s: string, start: number, end: number, raw: boolean): void;
}

/** XML that a spreadsheet does not write, said as what the part holds ("ends before ..."). */
export class XmlError extends Error {
  override name = 'XmlError';
  /** The part whose XML it is, once known. */
  part = '';
}

/** The longest tag (or comment, or CDATA section) held while the rest of it comes: no spreadsheet writes one near it. */
export const TAG_LIMIT = 1 << 20;

const GT = 62;
const LT = 60;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const QUOTE = 34;
const APOSTROPHE = 39;

/**
 * Where the character `code` (which is `char`) is next in `s` from `from`, or -1: as
 * `s.indexOf(char, from)`, looked for one character at a time over the first few, where a
 * sheet's texts and closing tags end. A search costs more to start than such a look.
 */
export function indexOfChar(s: string, code: number, char: string, from: number): number {
  const near = Math.min(s.length, from + 32);
  for (let i = from; i < near; i++) if (s.charCodeAt(i) === code) return i;
  return near === s.length ? -1 : s.indexOf(char, near);
}

/** Whether a character ends an element's name: white space, `/` or `>`. */
const endsName = (code: number): boolean => code <= 32 || code === SLASH || code === GT;

export class XmlScanner {
  /** The start of a tag, or of an entity, whose end is in the next chunk. */
  private carry = '';
  private depth = 0;
  private opened = false;
  /**
   * Where the tag held in `carry` was read to for its end, and the quote open there: its reading
   * goes on from there with the next chunk, rather than from its start (0 when no tag is held).
   */
  private tagRead = 0;
  private tagQuote = 0;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    // Joined, not added: `+` makes a rope of the two, through which every character read would go.
    const s = this.carry.length > 0 ? [this.carry, chunk].join('') : chunk;
    this.carry = '';
    const length = s.length;
    const handler = this.handler;
    let pos = 0;
    while (pos < length) {
      const lt = indexOfChar(s, LT, '<', pos);
      if (lt < 0) {
        // The text runs on into the next chunk: an entity cut in two waits for its end.
        const amp = s.lastIndexOf('&');
        const cut = amp >= Math.max(pos, length - 12) && s.indexOf(';', amp) < 0 ? amp : length;
        if (cut > pos) handler.text(s, pos, cut, false);
        this.hold(s, cut);
        return;
      }
      if (lt > pos) handler.text(s, pos, lt, false);
      if (lt + 1 >= length) {
        this.hold(s, lt);
        return;
      }
      const next = s.charCodeAt(lt + 1);
      if (next === SLASH) {
        const gt = indexOfChar(s, GT, '>', lt + 2);
        if (gt < 0) {
          this.hold(s, lt);
          return;
        }
        let nameStart = lt + 2;
        let nameEnd = nameStart;
        while (nameEnd < gt && !endsName(s.charCodeAt(nameEnd))) {
          if (s.charCodeAt(nameEnd) === COLON) nameStart = nameEnd + 1;
          nameEnd++;
        }
        this.depth--;
        handler.close(s, nameStart, nameEnd);
        pos = gt + 1;
        continue;
      }
      if (next === BANG || next === QUESTION) {
        const end = this.special(s, lt, next);
        if (end < 0) {
          this.hold(s, lt);
          return;
        }
        pos = end;
        continue;
      }
      // A tag held from the chunk before is the first thing of this one.
      const gt = this.tagRead > 0 ? tagEnd(s, lt + this.tagRead, this.tagQuote) : tagEnd(s, lt + 1);
      this.tagRead = 0;
      if (gt < 0) {
        this.tagRead = s.length - lt;
        this.tagQuote = ~gt;
        this.hold(s, lt);
        return;
      }
      let nameStart = lt + 1;
      let nameEnd = nameStart;
      while (nameEnd < gt && !endsName(s.charCodeAt(nameEnd))) {
        if (s.charCodeAt(nameEnd) === COLON) nameStart = nameEnd + 1;
        nameEnd++;
      }
      this.opened = true;
      this.depth++;
      handler.open(s, nameStart, nameEnd, gt);
      if (s.charCodeAt(gt - 1) === SLASH) {
        this.depth--;
        handler.close(s, nameStart, nameEnd);
      }
      pos = gt + 1;
    }
  }

  /** The part is all given: its root element must have closed. */
  end(): void {
    if (this.carry.trim() !== '' || this.depth !== 0 || !this.opened) throw new XmlError('ends before its XML is complete');
  }

  private hold(s: string, from: number): void {
    if (s.length - from > TAG_LIMIT) throw new XmlError(`holds a tag longer than ${TAG_LIMIT.toLocaleString('en-GB')} characters`);
    this.carry = s.slice(from);
  }

  /** A comment, CDATA section, processing instruction or declaration at `lt`: where the scan goes on after it, or -1 when it ends in the next chunk. */
  private special(s: string, lt: number, next: number): number {
    if (next === QUESTION) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (end > lt + 9) this.handler.text(s, lt + 9, end, true);
      return end + 3;
    }
    if (s.length - lt < 9) return -1;
    if (s.startsWith('<!DOCTYPE', lt)) throw new XmlError('holds a document type declaration (<!DOCTYPE>), which a workbook never does');
    throw new XmlError(`holds markup that is not XML (${JSON.stringify(s.slice(lt, lt + 9))})`);
  }
}

/**
 * Where the tag read from `from` ends (its `>`, outside quoted attribute values), `quote` being
 * the quote open at `from` (0 for none). When `s` ends first, the bitwise not of the quote open
 * at its end (so -1 for none), to go on from with the next chunk. A `<` inside a tag, quoted or
 * not, is no XML: a quote out of place would otherwise make one tag of many.
 */
export function tagEnd(s: string, from: number, quote = 0): number {
  // Character by character: a tag is a few dozen characters, fewer than the searches for its
  // quotes, their ends and its own end would each cost to start.
  for (let i = from; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === LT) notXml();
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === GT) return i;
    else if (code === QUOTE || code === APOSTROPHE) quote = code;
  }
  return ~quote;
}

function notXml(): never {
  throw new XmlError('has a tag whose attributes are not XML');
}

/** Whether `s` from `start` to `end` is `name`. */
export function isName(s: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && s.startsWith(name, start);
}

/**
 * The value of the attribute `name` of the tag in `s` from `from` (after its element's name) to
 * `end`, its entities decoded; null when the tag has none. A prefixed name (`r:id`) is matched
 * by its local name when `name` has no prefix of its own.
 */
export function attribute(s: string, from: number, end: number, name: string): string | null {
  let at = from;
  while (at < end) {
    const eq = s.indexOf('=', at);
    if (eq < 0 || eq >= end) return null;
    let nameEnd = eq;
    while (nameEnd > at && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > at && s.charCodeAt(nameStart - 1) > 32) nameStart--;
    let open = eq + 1;
    while (open < end && s.charCodeAt(open) <= 32) open++;
    const quote = s.charCodeAt(open);
    if (quote !== QUOTE && quote !== APOSTROPHE) return null;
    const close = s.indexOf(quote === QUOTE ? '"' : "'", open + 1);
    if (close < 0 || close >= end) return null;
    const length = nameEnd - nameStart;
    const matches =
      (length === name.length && s.startsWith(name, nameStart)) ||
      (length > name.length && s.charCodeAt(nameEnd - name.length - 1) === COLON && s.startsWith(name, nameEnd - name.length));
    if (matches) return decodeEntities(s.slice(open + 1, close));
    at = close + 1;
  }
  return null;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with XML's five entities and its character references (`&#10;`, `&#x1F600;`) decoded; any other entity is an error. */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = text.indexOf(';', amp + 1);
    const name = semi < 0 ? text.slice(amp + 1, amp + 11) : text.slice(amp + 1, semi);
    let decoded = semi < 0 || semi - amp > 12 ? undefined : NAMED[name];
    if (decoded === undefined && /^#(\d{1,7}|x[0-9a-fA-F]{1,6})$/.test(name)) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) decoded = String.fromCodePoint(code);
    }
    if (decoded === undefined) throw new XmlError(`holds an entity (&${name.slice(0, 10)}${semi < 0 ? '' : ';'}) that is not one of XML's own`);
    out += text.slice(from, amp) + decoded;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

/**
 * Text with the escapes a spreadsheet writes for characters XML cannot hold (`_x000D_` for a
 * carriage return) decoded; `_x005F_` is a `_` itself, so `_x005F_x000D_` stays `_x000D_`.
 */
export function decodeEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
