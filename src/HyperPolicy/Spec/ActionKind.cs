namespace HyperRL.HyperPolicy;

public enum ActionKind { Discrete, Continuous }
