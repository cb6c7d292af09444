/**
 * GB18030 bytes for test files. Node decodes GB18030 (TextDecoder) but cannot encode it, so the
 * two-byte table is read back from the decoder once; ASCII is itself.
 */
let table: Map<string, [number, number]> | null = null;

function twoByteTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = twoByteTable().get(char);
    if (!pair) throw new Error(`no two-byte GB18030 code for ${char}`);
    bytes.push(...pair);
  }
  return Buffer.from(bytes);
}
