import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { ErrorNotice } from '../../ui/common';
import { renderScreen } from '../../test-render';
import { SignedOut } from './SignedOut';

describe('signing in when the service has an identity provider', () => {
  it("offers the province's account instead of the sign-in link command, in Vietnamese and English", async () => {
    renderScreen(() => <SignedOut reason="no-link" />, { cached: [[['sign-in-methods'], ['oidc']]] });
    const button = await screen.findByRole('link', { name: 'Đăng nhập bằng tài khoản của tỉnh' });
    expect(button.getAttribute('href')).toBe('/auth/oidc/start');
    expect(screen.queryByText(/--link/)).toBeNull();
  });

  it('in English too', async () => {
    renderScreen(() => <SignedOut reason="session" />, { language: 'en', cached: [[['sign-in-methods'], ['oidc']]] });
    expect(await screen.findByRole('link', { name: "Sign in with the province's account" })).toBeTruthy();
    expect(screen.getByText('Your session has ended. Sign in again.')).toBeTruthy();
  });

  it('in embedded mode, shows how to print a link and no provider button', async () => {
    renderScreen(() => <SignedOut reason="no-link" />, { cached: [[['sign-in-methods'], ['link']]] });
    expect(await screen.findByText(/--link/)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('words the reason the service sent the browser back with', async () => {
    renderScreen(() => <ErrorNotice error={new ApiError(401, 'OIDC.CODE_REFUSED', 'OIDC.CODE_REFUSED')} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Nhà cung cấp định danh từ chối mã đăng nhập');
  });
});
