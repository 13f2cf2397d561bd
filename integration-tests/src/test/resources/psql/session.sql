-- A psql session as a new user would type it: tables, \d, \copy, errors, transactions.
CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL, balance integer DEFAULT 0 CHECK (balance >= 0));
CREATE INDEX accounts_owner ON accounts (owner);
CREATE TABLE notes (id serial PRIMARY KEY, account_id integer REFERENCES accounts (id), body varchar(200));
\dt
\d accounts
\copy accounts (id, owner, balance) FROM STDIN WITH (FORMAT csv)
1,alice,100
2,bob,20
3,carol,0
\.
SELECT * FROM accounts ORDER BY id;
\copy accounts TO STDOUT WITH (FORMAT csv)
SELECT * FORM accounts;
SELECT owner FROM acounts;
BEGIN;
UPDATE accounts SET balance = balance - 10 WHERE id = 1;
INSERT INTO notes (account_id, body) VALUES (1, 'withdrew 10');
SELECT 1 / 0;
SELECT 1;
ROLLBACK;
SELECT id, balance FROM accounts ORDER BY id;
BEGIN;
UPDATE accounts SET balance = balance - 10 WHERE id = 1;
INSERT INTO notes (account_id, body) VALUES (1, 'withdrew 10') RETURNING id, body;
COMMIT;
INSERT INTO notes (account_id, body) VALUES (9, 'no such account');
UPDATE accounts SET balance = -1 WHERE id = 2;
INSERT INTO accounts VALUES (1, 'dup', 0);
\d notes
SELECT a.owner, a.balance, count(n.id) AS notes FROM accounts a LEFT JOIN notes n ON n.account_id = a.id GROUP BY a.owner, a.balance ORDER BY a.owner;
