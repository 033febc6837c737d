import { encodeCommand, parseReply } from './resp.js';

describe('encodeCommand', () => {
  it('writes a command as an array of bulk strings, lengths in bytes', () => {
    expect(encodeCommand(['PING']).toString()).toBe('*1\r\n$4\r\nPING\r\n');
    expect(encodeCommand(['SET', 'k', 'é']).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n');
  });

  it('refuses an empty command', () => {
    expect(() => encodeCommand([])).toThrow(/`args`/);
  });
});

describe('parseReply', () => {
  const parse = (text: string): ReturnType<typeof parseReply> => parseReply(Buffer.from(text));

  it('reads simple strings, integers, bulk strings and nulls', () => {
    expect(parse('+PONG\r\n')).toEqual({ reply: 'PONG', end: 7 });
    expect(parse(':-42\r\n')).toEqual({ reply: -42, end: 6 });
    expect(parse('$5\r\nhel\r\n\r\n')).toEqual({ reply: 'hel\r\n', end: 11 });
    expect(parse('$2\r\né\r\n')).toEqual({ reply: 'é', end: 8 });
    expect(parse('$-1\r\n')).toEqual({ reply: null, end: 5 });
    expect(parse('*-1\r\n')).toEqual({ reply: null, end: 5 });
  });

  it('reads an error reply as an Error carrying its text', () => {
    const parsed = parse('-ERR unknown command\r\n');
    expect(parsed?.reply).toBeInstanceOf(Error);
    expect((parsed?.reply as Error).message).toBe('ERR unknown command');
  });

  it('reads nested arrays', () => {
    expect(parse('*2\r\n$3\r\ndir\r\n*2\r\n:1\r\n$-1\r\n')).toEqual({ reply: ['dir', [1, null]], end: 26 });
  });

  it('waits for more bytes while a reply is incomplete, at every cut', () => {
    const whole = '*2\r\n$3\r\ndir\r\n$4\r\n/tmp\r\n';
    for (let cut = 0; cut < whole.length; cut += 1) expect(parse(whole.slice(0, cut))).toBeUndefined();
    expect(parse(whole)).toEqual({ reply: ['dir', '/tmp'], end: whole.length });
  });

  it('starts at the given offset, so replies that arrive together are read one after another', () => {
    const buffer = Buffer.from('+OK\r\n$1\r\nv\r\n');
    const first = parseReply(buffer);
    expect(first).toEqual({ reply: 'OK', end: 5 });
    expect(parseReply(buffer, first?.end)).toEqual({ reply: 'v', end: buffer.length });
  });

  it('rejects bytes that are not RESP2', () => {
    expect(() => parse('HTTP/1.1 200 OK\r\n')).toThrow(/unexpected type byte "H"/);
    expect(() => parse('$x\r\n')).toThrow(/malformed integer "x"/);
  });
});
