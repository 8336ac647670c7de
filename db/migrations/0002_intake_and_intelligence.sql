CREATE TABLE `incident_elements` (
	`incident_id` integer NOT NULL,
	`element_id` integer NOT NULL,
	`effect` text NOT NULL,
	PRIMARY KEY(`incident_id`, `element_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`element_id`) REFERENCES `network_elements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_elements_element` ON `incident_elements` (`element_id`);--> statement-breakpoint
CREATE TABLE `network_elements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`lat2` real,
	`lng2` real,
	`coverage_radius_m` integer,
	`power_source` text,
	`medium` text,
	`upstream_id` integer,
	`area_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`upstream_id`) REFERENCES `network_elements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `network_elements_org_code` ON `network_elements` (`organization_id`,`code`);--> statement-breakpoint
CREATE INDEX `network_elements_upstream` ON `network_elements` (`upstream_id`);--> statement-breakpoint
CREATE TABLE `site_dependencies` (
	`site_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`service` text NOT NULL,
	`element_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`site_id`, `service`, `element_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`element_id`) REFERENCES `network_elements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `site_dependencies_element` ON `site_dependencies` (`element_id`);--> statement-breakpoint
CREATE TABLE `deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`level` integer DEFAULT 1 NOT NULL,
	`due_at` integer NOT NULL,
	`fired_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadlines_once` ON `deadlines` (`kind`,`entity_id`,`level`);--> statement-breakpoint
CREATE INDEX `deadlines_due` ON `deadlines` (`fired_at`,`cancelled_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `assistance_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`incident_id` integer,
	`site_id` integer,
	`description` text NOT NULL,
	`decision_reason` text,
	`dispatch_id` integer,
	`requested_by` integer,
	`decided_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`status_changed_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispatch_id`) REFERENCES `dispatches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assistance_org` ON `assistance_requests` (`organization_id`);--> statement-breakpoint
CREATE INDEX `assistance_status` ON `assistance_requests` (`status`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`organization_id` integer NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `rollcall_activations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`cadence` text NOT NULL,
	`due_minute` integer DEFAULT 540 NOT NULL,
	`area_ids` text NOT NULL,
	`organization_ids` text NOT NULL,
	`opened_by` integer,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rollcall_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activation_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`period_start` integer NOT NULL,
	`no_change` integer DEFAULT false NOT NULL,
	`sites_total` integer,
	`out_power` integer,
	`out_transmission` integer,
	`out_damage` integer,
	`generators_deployed` integer,
	`offices_closed` integer,
	`routes_suspended` integer,
	`note` text,
	`filed_by` integer,
	`filed_at` integer NOT NULL,
	FOREIGN KEY (`activation_id`) REFERENCES `rollcall_activations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rollcall_checkin_once` ON `rollcall_checkins` (`activation_id`,`organization_id`,`area_id`,`period_start`);--> statement-breakpoint
ALTER TABLE `areas` ADD `area_type` text DEFAULT 'rural' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `restored_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `final_report` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `final_report_at` integer;--> statement-breakpoint
ALTER TABLE `dispatches` ADD `escalation_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `dispatches` ADD `escalated_at` integer;