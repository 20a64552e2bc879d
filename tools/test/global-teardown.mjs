export default async function globalTeardown() {
  await globalThis.__djPlatform?.stop();
  await globalThis.__djNats?.stop();
}
