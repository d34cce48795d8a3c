using System.Runtime.CompilerServices;

// Tests check heads and hypernetworks directly (closed-form log-probs, init variance) without widening the public API.
[assembly: InternalsVisibleTo("HyperRL.HyperPolicy.Tests")]

namespace HyperRL.HyperPolicy;
