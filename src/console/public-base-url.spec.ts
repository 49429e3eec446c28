import { parsePublicBaseUrl } from './public-base-url.js';

describe('PUBLIC_BASE_URL', () => {
  it('defaults to http://localhost and the port the service listens on', () => {
    expect(parsePublicBaseUrl(undefined, 3000)).toEqual({ value: 'http://localhost:3000' });
    expect(parsePublicBaseUrl('  ', 8080)).toEqual({ value: 'http://localhost:8080' });
  });

  it('takes an http(s) origin, with or without a trailing slash', () => {
    expect(parsePublicBaseUrl('https://ledger.haiduong.gov.vn/', 3000)).toEqual({ value: 'https://ledger.haiduong.gov.vn' });
    expect(parsePublicBaseUrl('http://10.0.0.5:8443', 3000)).toEqual({ value: 'http://10.0.0.5:8443' });
  });

  it.each([
    'ledger.haiduong.gov.vn',
    'ftp://ledger.example',
    'https://ledger.example/console',
    'https://ledger.example/?a=1',
    'https://u:p@ledger.example',
  ])('refuses %p with a sentence', (raw) => {
    expect(parsePublicBaseUrl(raw, 3000)).toEqual({ error: expect.stringMatching(/must be/) });
  });
});
