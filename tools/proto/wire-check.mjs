// What `buf breaking` cannot see: our wire names a request by `<service>.<version>.<Method>` (the
// proto package's parts and the method's name, decision 0018), not by the proto service that holds the
// method. Every method an earlier version had must still be in the same package, with the same request
// and reply types, whichever proto service holds it now.
//   node tools/proto/wire-check.mjs <earlier image.json> <current image.json>
import { readFileSync } from 'node:fs';

function methods(imagePath) {
  const image = JSON.parse(readFileSync(imagePath, 'utf8'));
  const found = new Map();
  for (const file of image.file ?? []) {
    for (const service of file.service ?? []) {
      for (const method of service.method ?? []) {
        const subject = `${file.package}.${method.name}`;
        found.set(subject, {
          input: method.inputType,
          output: method.outputType,
          where: `${file.name} ${service.name}`,
        });
      }
    }
  }
  return found;
}

const [earlier, current] = process.argv.slice(2).map(methods);
const problems = [];
for (const [subject, before] of earlier) {
  const now = current.get(subject);
  if (!now) problems.push(`${subject}: gone (was in ${before.where})`);
  else if (now.input !== before.input || now.output !== before.output)
    problems.push(`${subject}: ${before.input} → ${before.output} became ${now.input} → ${now.output}`);
}
if (problems.length > 0) {
  console.error(`wire check: ${problems.length} request subject(s) broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`wire check: all ${earlier.size} earlier request subjects answered alike`);
