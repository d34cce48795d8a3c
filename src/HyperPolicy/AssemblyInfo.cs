namespace HyperRL.HyperPolicy;
