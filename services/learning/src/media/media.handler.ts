import {
  MediaService,
  type GetMediaUploadRequest,
  type PutMediaChunkRequest,
  type ReadMediaRequest,
  type StartMediaUploadRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MediaUseCases } from './media.use-cases.js';

/** 媒体's RPCs: one line each. */
@Controller()
export class MediaHandler implements RpcHandlers<typeof MediaService> {
  constructor(@Inject(MediaUseCases) private readonly media: MediaUseCases) {}

  @RpcMethod(MediaService.method.startMediaUpload)
  async startMediaUpload(request: StartMediaUploadRequest) {
    return { upload: await this.media.start(request) };
  }

  @RpcMethod(MediaService.method.getMediaUpload)
  async getMediaUpload(request: GetMediaUploadRequest) {
    return { upload: await this.media.get(request.id) };
  }

  @RpcMethod(MediaService.method.putMediaChunk)
  async putMediaChunk(request: PutMediaChunkRequest) {
    return { upload: await this.media.putChunk(request) };
  }

  @RpcMethod(MediaService.method.readMedia)
  readMedia(request: ReadMediaRequest) {
    return this.media.read(request);
  }
}
