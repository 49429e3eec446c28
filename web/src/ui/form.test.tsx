import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi as mock } from 'vitest';
import { ApiError } from '../api/api-error';
import { renderScreen } from '../test-render';
import { CommandForm, FormCheck, TextArea, TextField } from './form';

function Form({ send }: { readonly send: (key: string, values: Record<string, string>) => Promise<unknown> }) {
  return (
    <CommandForm
      prepare={(values, m) => {
        const check = new FormCheck(values, m).required('description');
        return check.ok ? { send: (key) => send(key, values) } : { errors: check.errors };
      }}
    >
      {(errors) => (
        <>
          <TextArea name="description" label="Việc đã làm" required errors={errors} />
          <TextField name="officialId" label="Mã cán bộ" errors={errors} />
        </>
      )}
    </CommandForm>
  );
}

describe('a form that records something', () => {
  it('explains a missing field next to it before anything is sent', async () => {
    const send = mock.fn();
    renderScreen(() => <Form send={send} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ghi nhận' }));
    expect(await screen.findByText('Bắt buộc phải điền.')).toBeDefined();
    expect(screen.getByLabelText(/Việc đã làm/).getAttribute('aria-invalid')).toBe('true');
    expect(send).not.toHaveBeenCalled();
  });

  it("shows the API's refusal of a field next to that field, in Vietnamese, and the code's sentence above", async () => {
    const send = mock
      .fn()
      .mockRejectedValue(
        new ApiError(400, 'VALIDATION.FAILED', 'The request is not valid', [
          { field: 'officialId', messages: ['officialId must be 1-80 letters, digits or "-"'] },
        ]),
      );
    renderScreen(() => <Form send={send} />);
    fireEvent.change(await screen.findByLabelText(/Việc đã làm/), { target: { value: 'Đã làm việc với các hộ dân' } });
    fireEvent.change(screen.getByLabelText('Mã cán bộ'), { target: { value: 'Trần Văn Minh' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
    expect(await screen.findByText('Chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.')).toBeDefined();
    expect(screen.getByText('Yêu cầu có mục không hợp lệ; chưa có gì được ghi.', { exact: false })).toBeDefined();
    const field = screen.getByLabelText('Mã cán bộ');
    expect(field.getAttribute('aria-describedby')).toMatch(/error/);
  });

  it('sends the same Idempotency-Key again when the same content is sent again, and a new one for new content', async () => {
    const keys: string[] = [];
    const send = mock.fn(async (key: string) => {
      keys.push(key);
      throw new ApiError(503, 'LEDGER.STORE_UNAVAILABLE', 'down');
    });
    renderScreen(() => <Form send={send} />);
    const description = await screen.findByLabelText(/Việc đã làm/);
    fireEvent.change(description, { target: { value: 'Một việc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
    await waitFor(() => expect(keys).toHaveLength(1));
    await screen.findByText('Kho sự kiện tạm thời không truy cập được; chưa có gì được ghi.', { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
    await waitFor(() => expect(keys).toHaveLength(2));
    fireEvent.change(description, { target: { value: 'Một việc khác' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi nhận' }));
    await waitFor(() => expect(keys).toHaveLength(3));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('says it in English when English is chosen', async () => {
    renderScreen(() => <Form send={mock.fn()} />, { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Required.')).toBeDefined();
  });
});
