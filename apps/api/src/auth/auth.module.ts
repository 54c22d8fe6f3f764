import { Global, Module } from '@nestjs/common';
import { TokenVerifier } from '../http/auth/token-verifier';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { PasswordHasher } from './password/password-hasher';
import { RequestAuthenticator } from './sessions/request-authenticator';
import { SessionStore } from './sessions/session-store';
import { SetupCodeService } from './setup/setup-code.service';
import { SecurityLog } from './sign-in/security-log';
import { SecurityLogController } from './sign-in/security-log.controller';
import { SignInService } from './sign-in/sign-in.service';
import { SignInThrottle } from './sign-in/sign-in-throttle';
import { UserRegistry } from './user-registry';

const SHARED = [
  TokenVerifier,
  RequestAuthenticator,
  PasswordHasher,
  SessionStore,
  SecurityLog,
  SignInThrottle,
  UserRegistry,
  SetupCodeService,
];

/** Authentication for every route (the global guard's RequestAuthenticator) and the /v1/auth routes. */
@Global()
@Module({
  imports: [UsersModule],
  controllers: [AuthController, OidcController, SecurityLogController],
  providers: [...SHARED, SignInService, OidcService],
  exports: SHARED,
})
export class AuthModule {}
