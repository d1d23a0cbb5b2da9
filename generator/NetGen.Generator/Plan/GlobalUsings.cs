// In scope in every file of the generator: the plan every emitter writes from, and the runtime's definitions compiled
// in (Shared: Activation, the .npz reader).
global using NetGen.Generator.Plan;
global using NetGen.Generator.Shared;
