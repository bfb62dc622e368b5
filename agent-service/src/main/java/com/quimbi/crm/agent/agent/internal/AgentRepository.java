package com.quimbi.crm.agent.agent.internal;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import com.quimbi.crm.agent.agent.Agent;

public interface AgentRepository extends JpaRepository<Agent, UUID> {

    boolean existsByEmail(String email);
}
