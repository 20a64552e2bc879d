import { splitTenantPath, tenantSlugFromRequest } from './tenant-resolution.js';

describe('tenant resolution', () => {
  it.each([
    [{ host: 'acme-corp.dangjian.cn', headerSlug: 'east-univ', pathSlug: 'river-county' }, 'acme-corp'],
    [{ host: 'ACME-CORP.dangjian.cn:443', headerSlug: undefined, pathSlug: undefined }, 'acme-corp'],
    [{ host: 'dangjian.cn', headerSlug: 'east-univ', pathSlug: 'river-county' }, 'east-univ'],
    [{ host: 'api.other.cn', headerSlug: undefined, pathSlug: 'river-county' }, 'river-county'],
    [{ host: 'x.y.dangjian.cn', headerSlug: undefined, pathSlug: undefined }, undefined],
    [{ host: undefined, headerSlug: '  East-Univ ', pathSlug: undefined }, 'east-univ'],
  ])('%j → %s', (parts, slug) => {
    expect(tenantSlugFromRequest(parts, 'dangjian.cn')).toBe(slug);
  });

  it('splits /t/<slug>/ off the path', () => {
    expect(splitTenantPath('/t/acme-corp/api/v1/users?range=[0,9]')).toEqual({ slug: 'acme-corp', url: '/api/v1/users?range=[0,9]' });
    expect(splitTenantPath('/api/v1/users')).toEqual({ url: '/api/v1/users' });
    expect(splitTenantPath('/t/acme-corp')).toEqual({ slug: 'acme-corp', url: '/' });
  });
});
