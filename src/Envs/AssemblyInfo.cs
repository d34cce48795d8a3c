namespace HyperRL.Envs;
