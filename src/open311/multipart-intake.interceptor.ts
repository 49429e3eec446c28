import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { invalidUtf8, RequestRefused } from '../http/request-refused.js';
import { EVIDENCE_MEDIA_TYPES, mediaTypeOf, type EvidenceMediaType } from '../media/media-type.js';

/** A photo sent with a submission, read whole (within OPEN311_MEDIA_MAX_BYTES) and typed by its bytes. */
export interface UploadedPhoto {
  readonly bytes: Buffer;
  readonly mediaType: EvidenceMediaType;
}

const MEDIA_FIELD = 'media';
const MAX_FIELDS = 40;
const MAX_FIELD_BYTES = 16 * 1024; // a description of 4,000 characters is at most 16 kB of UTF-8

type WithPhoto = Request & { open311Photo?: UploadedPhoto };

/** The photo the interceptor read from this request's multipart body, if any. */
export function uploadedPhotoOf(request: Request): UploadedPhoto | undefined {
  return (request as WithPhoto).open311Photo;
}

/**
 * Reads a multipart/form-data submission (what Code for America's `three` sends for
 * `post(..., media=<photo>)`): its fields become the body the DTO validates, exactly as a form-encoded
 * one; one file part named `media` becomes the photo. Run as an interceptor, so after the rate limit:
 * an upload is not read for a client that is refused anyway. Busboy parses; the limits, the type check
 * by magic bytes and the errors are here. Busboy decodes field text with U+FFFD for bytes that are not
 * UTF-8, so a field holding U+FFFD is refused as invalid UTF-8 (a report has no reason to hold it).
 */
@Injectable()
export class MultipartIntakeInterceptor implements NestInterceptor {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<WithPhoto>();
    if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
      const { fields, photo } = await this.read(request);
      request.body = fields;
      if (photo) request.open311Photo = photo;
    }
    return next.handle();
  }

  private read(request: Request): Promise<{ fields: Record<string, string>; photo: UploadedPhoto | undefined }> {
    const maxBytes = this.config.open311MediaMaxBytes;
    return new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, files: 1, fileSize: maxBytes, parts: MAX_FIELDS + 1 },
        });
      } catch {
        return reject(malformed('the multipart body has no boundary'));
      }
      const fields: Record<string, string> = {};
      const chunks: Buffer[] = [];
      let refused: RequestRefused | undefined;
      let sawFile = false;
      const refuse = (error: RequestRefused) => {
        refused ??= error;
      };

      parser.on('field', (name, value, info) => {
        if (info.nameTruncated || info.valueTruncated) return refuse(tooLarge(`the field ${name} is longer than ${MAX_FIELD_BYTES} bytes`));
        if (value.includes('\uFFFD') || name.includes('\uFFFD')) return refuse(invalidUtf8());
        if (Object.hasOwn(fields, name)) return refuse(malformed(`the field ${name} is sent twice`));
        fields[name] = value;
      });
      parser.on('file', (name, stream) => {
        // Busboy fails the file's own stream when the form ends inside it: unheard, that error would end the process.
        stream.on('error', () => refuse(malformed('the multipart body ends inside a file')));
        if (name !== MEDIA_FIELD || sawFile) {
          stream.resume();
          return refuse(malformed(`a submission carries at most one file, in the field "${MEDIA_FIELD}"`));
        }
        sawFile = true;
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('limit', () => refuse(photoTooLarge(maxBytes)));
      });
      parser.on('fieldsLimit', () => refuse(tooLarge(`a submission has at most ${MAX_FIELDS} fields`)));
      parser.on('filesLimit', () => refuse(malformed(`a submission carries at most one file, in the field "${MEDIA_FIELD}"`)));
      parser.on('partsLimit', () => refuse(tooLarge(`a submission has at most ${MAX_FIELDS + 1} parts`)));
      parser.on('error', () => reject(refused ?? malformed('the multipart body ends early or is not well-formed')));
      parser.on('close', () => {
        if (refused) return reject(refused);
        const bytes = Buffer.concat(chunks);
        // An empty file part (a form whose file input was left blank) is no photo.
        if (bytes.length === 0) return resolve({ fields, photo: undefined });
        const mediaType = mediaTypeOf(bytes);
        if (mediaType === undefined) return reject(unsupportedPhoto());
        resolve({ fields, photo: { bytes, mediaType } });
      });
      // A client that hangs up mid-body: busboy would wait for the rest for ever.
      request.once('close', () => {
        if (!request.complete) reject(malformed('the client stopped sending the body'));
      });
      request.pipe(parser);
    });
  }
}

function malformed(why: string): RequestRefused {
  return new RequestRefused(400, 'REQUEST.MALFORMED_MULTIPART', `The multipart body could not be read: ${why}. Nothing was written.`);
}

function tooLarge(why: string): RequestRefused {
  return new RequestRefused(413, 'REQUEST.TOO_LARGE', `The request body is larger than the service accepts: ${why}. Nothing was written.`);
}

function photoTooLarge(maxBytes: number): RequestRefused {
  return new RequestRefused(
    413,
    'OPEN311.MEDIA_TOO_LARGE',
    `The photo is larger than ${(maxBytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB. Nothing was written.`,
  );
}

function unsupportedPhoto(): RequestRefused {
  return new RequestRefused(
    415,
    'OPEN311.MEDIA_TYPE_UNSUPPORTED',
    `The file sent as ${MEDIA_FIELD} is not a photo of a kept type (${EVIDENCE_MEDIA_TYPES.join(', ')}), judged by its content. Nothing was written.`,
  );
}
