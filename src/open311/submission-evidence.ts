import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { CaseMedia } from '../cases/case.events.js';
import { MediaStore } from '../media/media-store.js';
import { UnitDirectory } from '../organisation/unit-directory.js';
import { uploadedPhotoOf } from './multipart-intake.interceptor.js';

/**
 * What a submission gives as evidence besides its text: the photo it carried (kept in the media store
 * by its hash before the case is received, so the CaseReceived event that names it never names a
 * missing file) and a media_url the reporter gave, kept as given.
 */
@Injectable()
export class SubmissionEvidence {
  constructor(
    private readonly media: MediaStore,
    private readonly units: UnitDirectory,
  ) {}

  async of(request: Request, jurisdictionId: string, mediaUrl: string | undefined): Promise<{ media?: CaseMedia; mediaUrl?: string }> {
    const photo = uploadedPhotoOf(request);
    // A report the intake will refuse for its unit keeps no photo: the intake says why, nothing is left behind.
    const keep = photo !== undefined && (await this.units.reference(jurisdictionId)).status === 'active';
    return {
      ...(keep ? { media: this.media.keep(photo.bytes, photo.mediaType) } : {}),
      ...(mediaUrl !== undefined ? { mediaUrl } : {}),
    };
  }
}
