import { splitTenantPath, tenantSlugFromRequest } from './tenant-resolution.js';

describe('tenant resolution', () => {
  it.each([
    [{ host: 'acme-corp.dangjian.cn', headerSlug: 'acme-corp', pathSlug: 'acme-corp' }, 'acme-corp'],
    [{ host: 'ACME-CORP.dangjian.cn:443', headerSlug: undefined, pathSlug: undefined }, 'acme-corp'],
    [{ host: 'dangjian.cn', headerSlug: 'east-univ', pathSlug: undefined }, 'east-univ'],
    [{ host: 'api.other.cn', headerSlug: undefined, pathSlug: 'river-county' }, 'river-county'],
    [{ host: 'x.y.dangjian.cn', headerSlug: undefined, pathSlug: undefined }, undefined],
    [{ host: undefined, headerSlug: '  East-Univ ', pathSlug: 'east-univ' }, 'east-univ'],
  ])('%j → %s', (parts, slug) => {
    expect(tenantSlugFromRequest(parts, 'dangjian.cn')).toEqual(slug ? { slug } : {});
  });

  it.each([
    [
      { host: 'acme-corp.dangjian.cn', headerSlug: 'east-univ', pathSlug: undefined },
      ['acme-corp', 'east-univ'],
    ],
    [{ host: 'dangjian.cn', headerSlug: 'east-univ', pathSlug: 'acme-corp' }, ['east-univ', 'acme-corp']],
    [
      { host: 'river-county.dangjian.cn', headerSlug: undefined, pathSlug: 'acme-corp' },
      ['river-county', 'acme-corp'],
    ],
  ])('refuses a request naming two tenants: %j', (parts, conflict) => {
    expect(tenantSlugFromRequest(parts, 'dangjian.cn')).toEqual({ conflict });
  });

  it('splits /t/<slug>/ off the path', () => {
    expect(splitTenantPath('/t/acme-corp/api/v1/users?range=[0,9]')).toEqual({
      slug: 'acme-corp',
      url: '/api/v1/users?range=[0,9]',
    });
    expect(splitTenantPath('/api/v1/users')).toEqual({ url: '/api/v1/users' });
    expect(splitTenantPath('/t/acme-corp')).toEqual({ slug: 'acme-corp', url: '/' });
  });
});
