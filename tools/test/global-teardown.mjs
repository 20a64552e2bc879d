export default async function globalTeardown() {
  await globalThis.__djPlatform?.stop();
  await globalThis.__djNats?.stop();
  // After the platform stopped: its last spans were flushed at shutdown.
  await globalThis.__djSpanSink?.close();
}
