package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a bank: {@code "transfer"} operations with a {@link Transfer} value, and
 * {@code "read"} operations whose OK value is a {@code Map<Integer, Long>} of every
 * account's balance, read in one transaction.
 *
 * <p>Transfers move money but never create or destroy it, so every OK read must hold
 * exactly the accounts {@code 0..accounts-1}, sum to the total, and (unless negative
 * balances are allowed) hold no negative balance. A read that breaks any of these shows
 * a transaction that saw, or left, a partly applied transfer. A history without an OK read
 * is invalid, because nothing could be checked.
 */
public final class BankChecker implements Checker {

  private final int accounts;
  private final long total;
  private final boolean negativesAllowed;

  /**
   * @param accounts the number of accounts, numbered from 0
   * @param total the sum of all balances, which transfers keep
   * @param negativesAllowed whether a balance may go below zero
   */
  public BankChecker(int accounts, long total, boolean negativesAllowed) {
    if (accounts <= 0) {
      throw new IllegalArgumentException("accounts must be positive: " + accounts);
    }
    this.accounts = accounts;
    this.total = total;
    this.negativesAllowed = negativesAllowed;
  }

  @Override
  public CheckResult check(History history) {
    List<String> anomalies = new ArrayList<>();
    long reads = 0;
    long transfersOk = 0;
    long transfersFailed = 0;
    long transfersUnknown = 0;
    for (History.Pair pair : history.pairs()) {
      if (pair.f().equals("transfer")) {
        Values.required(Transfer.class, pair.argument(), pair);
        if (pair.isOk()) {
          transfersOk++;
        } else if (pair.isFail()) {
          transfersFailed++;
        } else {
          transfersUnknown++;
        }
      } else if (pair.f().equals("read") && pair.isOk()) {
        reads++;
        String problems = problemsOf(balancesOf(pair));
        if (!problems.isEmpty()) {
          anomalies.add("bad read: " + pair + ": " + problems);
        }
      }
    }
    long badReads = anomalies.size();
    if (reads == 0) {
      anomalies.add("no successful read: nothing could be checked");
    }

    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("reads", reads);
    stats.put("badReads", badReads);
    stats.put("transfersOk", transfersOk);
    stats.put("transfersFailed", transfersFailed);
    stats.put("transfersUnknown", transfersUnknown);
    return CheckResult.of("bank", anomalies, stats);
  }

  /** What is wrong with one read's balances, as a phrase, or "" if nothing is. */
  private String problemsOf(Map<Integer, Long> balances) {
    List<String> problems = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    for (int account = 0; account < accounts; account++) {
      if (!balances.containsKey(account)) {
        missing.add(account);
      }
    }
    if (!missing.isEmpty()) {
      problems.add("missing accounts " + missing);
    }
    List<Integer> extra = balances.keySet().stream()
        .filter(account -> account < 0 || account >= accounts).toList();
    if (!extra.isEmpty()) {
      problems.add("unknown accounts " + extra);
    }
    long sum = balances.values().stream().mapToLong(Long::longValue).sum();
    if (sum != total) {
      problems.add("balances sum to " + sum + ", not " + total);
    }
    Map<Integer, Long> negative = new TreeMap<>();
    balances.forEach((account, balance) -> {
      if (balance < 0) {
        negative.put(account, balance);
      }
    });
    if (!negativesAllowed && !negative.isEmpty()) {
      problems.add("negative balances " + negative);
    }
    return String.join("; ", problems);
  }

  private static Map<Integer, Long> balancesOf(History.Pair read) {
    Map<Integer, Long> balances = new TreeMap<>();
    Values.required(Map.class, read.result(), read).forEach((account, balance) ->
        balances.put(
            Values.required(Integer.class, account, read),
            Values.required(Long.class, balance, read)));
    return balances;
  }
}
