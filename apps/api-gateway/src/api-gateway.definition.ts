import { SERVICES } from '@helpdesk/contracts';
import { AppDefinition, ReadinessCheck } from '@helpdesk/platform';
import { ApiGatewayModule } from './api-gateway.module';
import { GatewayConfig, readGatewayConfig } from './config/gateway.config';
import { installMultipart } from './http/multipart';
import { installRequestContext, setUpOpenApi } from './http/openapi';

/** The gateway; `extraReadiness` lets the standalone suite report every in-process service on one port. */
export function apiGatewayApp(extraReadiness: ReadinessCheck[] = []): AppDefinition<GatewayConfig> {
  return {
    service: SERVICES.apiGateway,
    defaultPort: 3000,
    readConfig: (source, mode) => readGatewayConfig(source, mode),
    module: (runtime, config) => ApiGatewayModule.register(runtime, config, extraReadiness),
    http: {
      bodyLimit: (config) => config.bodyLimitBytes,
      // /webhooks/* forwards the exact bytes a provider signed.
      rawBody: true,
      configure: async (app) => {
        installRequestContext(app);
        await installMultipart(app);
        setUpOpenApi(app);
      },
    },
  };
}
