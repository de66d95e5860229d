import { SimulateSlaPolicyCommand, SlaSimulationView, SUBJECTS } from '@helpdesk/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SlaSimulationService } from './simulation.service';

@Controller()
export class SlaSimulationHandler {
  constructor(private readonly simulations: SlaSimulationService) {}

  @MessagePattern(SUBJECTS.sla.policySimulate)
  simulate(@Payload() { actor, simulation }: SimulateSlaPolicyCommand): Promise<SlaSimulationView> {
    return this.simulations.simulate(actor, simulation);
  }
}
