// Every emitter writes from the plan: its types are in scope in every file of the generator.
global using NetGen.Generator.Plan;
