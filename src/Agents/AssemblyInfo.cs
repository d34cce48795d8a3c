namespace HyperRL.Agents;
