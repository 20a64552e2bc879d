// COPY through pg-copy-streams, shared by the benches whose floors are plain COPY.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { from: copyFrom, to: copyTo } = require('pg-copy-streams');

/** `data` (a buffer, a string, or chunks of either) through a `COPY … FROM STDIN` statement. */
export function copyIn(client, sql, data) {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(sql));
    stream.on('finish', resolve);
    stream.on('error', reject);
    for (const chunk of Array.isArray(data) ? data : [data]) stream.write(chunk);
    stream.end();
  });
}

/** What a `COPY … TO STDOUT` statement writes, as the chunks it came in. */
export function copyOut(client, sql) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const stream = client.query(copyTo(sql));
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(chunks));
    stream.on('error', reject);
  });
}
