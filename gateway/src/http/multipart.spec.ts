import { boundaryOf, MultipartError, parseMultipart } from './multipart.js';

const CRLF = '\r\n';
const body = (boundary: string, parts: string[]) =>
  Buffer.concat([
    ...parts.map((p) => Buffer.from(`--${boundary}${CRLF}${p}${CRLF}`, 'latin1')),
    Buffer.from(`--${boundary}--${CRLF}`),
  ]);

describe('multipart/form-data', () => {
  it('reads the boundary, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(boundaryOf('multipart/form-data; boundary="x y"')).toBe('x y');
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
  });

  it('gives text fields as text and files as bytes, without their names', () => {
    const bytes = '\xff\xd8\xff\xe0\r\n--notit\x00\xff\xd9';
    const parsed = parseMultipart(
      body('B0UND', [
        `Content-Disposition: form-data; name="content"${CRLF}${CRLF}${Buffer.from('某单位公车私用', 'utf8').toString('latin1')}`,
        `Content-Disposition: form-data; name="attachment"; filename="IMG_张三.jpg"${CRLF}Content-Type: image/jpeg${CRLF}${CRLF}${bytes}`,
        `Content-Disposition: form-data; name="attachment"; filename=""${CRLF}Content-Type: application/octet-stream${CRLF}${CRLF}`,
      ]),
      'B0UND',
    );
    expect(parsed.fields).toEqual({ content: '某单位公车私用' });
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({ field: 'attachment', contentType: 'image/jpeg' });
    expect(parsed.files[0]!.data.equals(Buffer.from(bytes, 'latin1'))).toBe(true);
    expect(JSON.stringify(parsed)).not.toContain('IMG_');
  });

  it('refuses a body that is not what it says', () => {
    expect(() => parseMultipart(Buffer.from('hello'), 'B')).toThrow(MultipartError);
    expect(() =>
      parseMultipart(Buffer.from(`--B${CRLF}Content-Disposition: form-data; name="a"${CRLF}${CRLF}x`), 'B'),
    ).toThrow(MultipartError);
  });
});
