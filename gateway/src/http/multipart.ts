/**
 * multipart/form-data, as a browser's form without scripts sends a file (the public report form,
 * issue 18). The body is read whole (its size is bounded at the edge), then cut at the boundary:
 * text fields as strings, files as bytes with their declared type. A file's own name is not kept.
 */
export interface FormFile {
  field: string;
  contentType: string;
  data: Buffer;
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(
  body: Buffer,
  boundary: string,
): { fields: Record<string, string>; files: FormFile[] } {
  const fields: Record<string, string> = {};
  const files: FormFile[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('no boundary in the body');
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new MultipartError('a part does not start a line');
    const headersEnd = body.indexOf('\r\n\r\n', at + 2);
    if (headersEnd < 0) throw new MultipartError('a part without headers');
    const headers = body.subarray(at + 2, headersEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
    if (next < 0) throw new MultipartError('a part without its end');
    const content = body.subarray(headersEnd + 4, next);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (!name) throw new MultipartError('a part without a name');
    if (/\bfilename="/i.test(disposition)) {
      // An empty file input still sends a part: no bytes, no file.
      if (content.length > 0)
        files.push({
          field: name,
          contentType: (
            /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1] ?? 'application/octet-stream'
          ).trim(),
          data: Buffer.from(content),
        });
    } else fields[name] = content.toString('utf8');
    at = next + 2;
  }
  return { fields, files };
}
