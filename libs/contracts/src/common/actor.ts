import { IsEnum, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role } from './enums';

/** Who is asking: the authenticated caller, passed by the gateway with every command. */
export class Actor {
  @IsUUID()
  id: string;

  @IsEnum(Role)
  role: Role;

  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(200)
  name: string;
}

export function isStaff(actor: Actor): boolean {
  return actor.role !== Role.Customer;
}
