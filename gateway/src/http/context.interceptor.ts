import { runInContext } from '@dangjian/kit';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { GatewayRequest } from '../auth/access.guard.js';

/** Runs the controller inside the request context the guard built, so RpcClient sends it on. */
@Injectable()
export class ContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const requestContext = request.requestContext ?? { requestId: String(request.id) };
    return new Observable((subscriber) =>
      runInContext(requestContext, () => next.handle().subscribe(subscriber)),
    );
  }
}
