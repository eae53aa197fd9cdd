#pragma once
// Lease: the right to run the scheduler's jobs, held by at most one process of a
// deployment at a time. LeaderLease is the PostgreSQL one; the Scheduler takes
// this interface so its tests can hand the lease over at will.
namespace switchyard::listener {

class Lease {
 public:
  virtual ~Lease() = default;
  // True while this process holds the lease: checks a held one, else tries to
  // take it. Never throws (trouble means "not now").
  virtual bool hold() = 0;
  // Gives the lease up (another process may take it at its next try).
  virtual void release() = 0;
};

}  // namespace switchyard::listener
