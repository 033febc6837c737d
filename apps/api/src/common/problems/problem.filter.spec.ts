import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../app.module.js';
import { DEFAULT_API_CONFIG } from '../../config/api-config.js';
import { requestIdFor } from '../http/request-id.js';
import { createLogger } from '../logging/logger.js';
import { NestPinoLogger } from '../logging/nest-pino-logger.js';

@Controller('broken')
class BrokenController {
  @Get()
  fail(): never {
    throw new Error('secret internal detail');
  }
}

describe('ProblemFilter', () => {
  let app: NestFastifyApplication;
  const lines: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register({ config: { ...DEFAULT_API_CONFIG, jobStore: 'memory' } })],
      controllers: [BrokenController],
    }).compile();
    const logger = createLogger('error', { write: (line: string) => void lines.push(line) });
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ loggerInstance: logger, genReqId: requestIdFor }), {
      logger: new NestPinoLogger(logger),
    });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  it('turns a bug into a 500 internal problem that hides the cause and logs it with the request id', async () => {
    const res = await fetch(`${await app.getUrl()}/broken`, { headers: { 'X-Request-Id': 'req-42' } });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ type: 'urn:heygen-mock:problem:internal', status: 500, instance: '/broken', requestId: 'req-42' });
    expect(JSON.stringify(body)).not.toContain('secret internal detail');

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry['requestId'] === 'req-42');
    expect(logged).toMatchObject({ level: 'error', context: 'ProblemFilter', path: '/broken' });
    expect(String(logged?.['stack'])).toContain('secret internal detail');
  });
});
