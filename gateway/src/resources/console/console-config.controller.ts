import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Public } from '../../auth/access.decorators.js';

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');
export interface ConsoleSettings {
  issuer: string;
  clientId: string;
}

/** Where the console logs in (embedded provider or Keycloak): read by the console at start. */
@ApiTags('console')
@Controller('api/v1/console-config')
export class ConsoleConfigController {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  @Get()
  @ApiOperation({ summary: 'What the console needs before login: the issuer and its client id' })
  @Public()
  get(): ConsoleSettings {
    return this.settings;
  }
}
