import { hostRefusal } from './webhook-hosts.js';

describe('the hosts webhook deliveries may go to', () => {
  it('trusts the admin when no host is listed', () => {
    expect(hostRefusal('http://10.0.0.5/hooks', [])).toBeNull();
  });

  it('allows a listed host, and the subdomains of a listed *.domain, and nothing else', () => {
    const allowed = ['portal.example.gov.vn', '*.sms.example.vn'];
    expect(hostRefusal('https://portal.example.gov.vn/hooks', allowed)).toBeNull();
    expect(hostRefusal('https://PORTAL.example.gov.vn:8443/hooks', allowed)).toBeNull();
    expect(hostRefusal('https://a.sms.example.vn/x', allowed)).toBeNull();
    expect(hostRefusal('https://sms.example.vn/x', allowed)).toMatch(/not to sms\.example\.vn/);
    expect(hostRefusal('https://portal.example.gov.vn.evil.test/x', allowed)).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect(hostRefusal('http://169.254.169.254/latest/meta-data', allowed)).toMatch(/not to 169\.254\.169\.254/);
  });
});
