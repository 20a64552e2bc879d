import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { routeAccessRule } from './route-access.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never } });

describe('lint rule dangjian/route-access', () => {
  tester.run('route-access', routeAccessRule as never, {
    valid: [
      { code: 'class C { @Get() @Public() health() {} }' },
      { code: "class C { @Post() @TenantRoles(['tenant-admin']) create() {} }" },
      { code: '@PlatformOperatorOnly() class C { @Get() list() {} @Put(":id") update() {} }' },
      { code: 'class C { helper() {} }' },
    ],
    invalid: [
      { code: 'class C { @Get() list() {} }', errors: [{ messageId: 'missing' }] },
      { code: "class C { @Delete(':id') @HttpCode(204) remove() {} }", errors: [{ messageId: 'missing' }] },
    ],
  });
});
